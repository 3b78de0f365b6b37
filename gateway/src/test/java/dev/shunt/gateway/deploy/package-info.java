/** Checks of what {@code deploy/} ships (Prometheus rules, Kubernetes manifests) against the code they serve. */
package dev.shunt.gateway.deploy;
