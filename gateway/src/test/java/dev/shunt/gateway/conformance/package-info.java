/**
 * A conformance suite for the Open Inference Protocol's HTTP/REST API and Triton's binary tensor data
 * extension, written from the specifications' text and run against each model server and through the
 * gateway.
 */
package dev.shunt.gateway.conformance;
