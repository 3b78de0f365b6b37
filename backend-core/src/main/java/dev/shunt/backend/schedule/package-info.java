/** The contract between the HTTP front and the schedulers that run inference on worker threads. */
package dev.shunt.backend.schedule;
