/** The throughput-first GPU model server's core: a dynamic batcher that groups queued jobs into batches by size, delay and priority. */
package dev.shunt.backend.gpu;
