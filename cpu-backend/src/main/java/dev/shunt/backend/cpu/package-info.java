/** The latency-first CPU model server's core: a worker pool right-sized to the physical cores of the CPU quota. */
package dev.shunt.backend.cpu;
