/** Checks of the Kubernetes manifests in {@code deploy/k8s} against the code they run. */
package dev.shunt.gateway.deploy;
