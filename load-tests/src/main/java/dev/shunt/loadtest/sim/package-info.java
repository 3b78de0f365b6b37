/** A discrete-event simulator of CPU and batching GPU pools that drives the real routing policies in simulated time. */
package dev.shunt.loadtest.sim;
