/** Open Inference Protocol (KServe v2 / Triton) types, JSON codec, validation and streaming peek. */
package dev.shunt.protocol;
