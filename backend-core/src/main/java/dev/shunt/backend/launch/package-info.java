/** Start-up shared by both servers: flags, DJL set-up, model loading, warm-up and SIGTERM draining. */
package dev.shunt.backend.launch;
