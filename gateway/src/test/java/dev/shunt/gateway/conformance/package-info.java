/**
 * A conformance suite for the Open Inference Protocol's HTTP/REST API and Triton's binary tensor data
 * extension, written from the specifications' text (not from Shunt's code) and run against each model
 * server and through the gateway.
 *
 * <p>The specifications, as read for it:
 * <ul>
 *   <li>KServe's Open Inference Protocol, HTTP/REST:
 *       https://github.com/kserve/open-inference-protocol/blob/main/specification/protocol/inference_rest.md
 *       and {@code open_inference_rest.yaml} beside it (commit d49cc23f89d709d87b210ef9449e273ae243984e);
 *   <li>Triton's binary tensor data extension:
 *       https://github.com/triton-inference-server/server/blob/main/docs/protocol/extension_binary_data.md
 *       (commit 6306a13d812a4028419186247f5b3f022f63c224).
 * </ul>
 *
 * <p>Not covered, on purpose: the extension's "Raw Binary Request" ({@code
 * Inference-Header-Content-Length: 0}, no JSON header), which Shunt does not take (a 400 saying so);
 * UINT64 values past 2^63-1, which the PyTorch engine cannot hold (asserted to be refused, as the
 * protocol allows); the server-ready body, which the protocol's text gives as {@code {"live": $bool}}
 * (a slip for "ready"; only the 200 is asserted); BF16, which Triton adds but the protocol's table does
 * not list; versions that only some servers implement are checked only where the model metadata lists
 * them.
 */
package dev.shunt.gateway.conformance;
