/**
 * The way of an inference request through the gateway, one stage a class with typed hand-offs:
 * {@link dev.shunt.gateway.pipeline.RouteSelection} (classify, decide: a {@link dev.shunt.gateway.pipeline.RoutedRequest}
 * or a refusal), {@link dev.shunt.gateway.pipeline.UpstreamCall} (pick, acquire, forward, retry),
 * {@link dev.shunt.gateway.pipeline.ResponseWriter} (headers, errors, metrics), and the
 * {@link dev.shunt.gateway.pipeline.ExchangeListener}s (mirroring, cutover accounting) that hear of
 * each dispatch and its answer; {@link dev.shunt.gateway.pipeline.InferencePipeline} runs them in order.
 */
package dev.shunt.gateway.pipeline;
