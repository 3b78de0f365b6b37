/**
 * The reliability suite and the soak: real gateway and model-server processes on loopback, misbehaving
 * backends inside the harness, a bounded load, a fault injected, and a verdict computed from what the
 * clients saw and what the gateway reports.
 */
package dev.shunt.loadtest.reliability;
