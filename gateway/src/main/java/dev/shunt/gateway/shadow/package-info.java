/** Shadow validation: compares a candidate backend's answers to mirrored traffic with the primary's and judges its readiness. */
package dev.shunt.gateway.shadow;
