/** Models a server can serve: embedded seeded DJL models and user TorchScript files, one predictor per worker. */
package dev.shunt.backend.model;
