/** The words the gateway, the routing policies and the model servers share (JDK only): latency classes, header names, durations. */
package dev.shunt.vocabulary;
