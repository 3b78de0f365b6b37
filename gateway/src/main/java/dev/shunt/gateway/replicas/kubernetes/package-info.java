/** The gateway's replicas on Kubernetes: a Lease elects the leader, a ConfigMap carries its state, DNS finds the peers. */
package dev.shunt.gateway.replicas.kubernetes;
