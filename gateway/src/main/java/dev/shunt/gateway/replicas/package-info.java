/** The gateway's replicas: which peers are live, and which one leads. */
package dev.shunt.gateway.replicas;
