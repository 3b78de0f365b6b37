package dev.shunt.gateway.mirror;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.MirrorConfig;
import dev.shunt.gateway.pipeline.Dispatch;
import dev.shunt.gateway.pipeline.ExchangeListener;
import dev.shunt.gateway.pipeline.RoutedRequest;

/**
 * Mirrors the requests of routes that mirror, once their primary was dispatched, and hands the
 * primary's answer to the shadow comparison.
 */
public final class MirrorListener implements ExchangeListener {

    private final Mirrors mirrors;
    private final MirrorSender sender;

    public MirrorListener(Mirrors mirrors, MirrorSender sender) {
        this.mirrors = requireNonNull(mirrors, "mirrors");
        this.sender = requireNonNull(sender, "sender");
    }

    @Override
    public AnswerListener dispatched(Dispatch dispatch) {
        RoutedRequest request = dispatch.request();
        if (request.route().mirror().isEmpty()) {
            return AnswerListener.NONE;
        }
        MirrorConfig config = request.route().mirror().get();
        MirrorPair pair = sender.mirror(mirrors.forRoute(request.route().name(), config), request.clientHeaders(),
                request.uri(), request.requestId(), request.body(), dispatch.pools(), dispatch.pool().name(),
                dispatch.backend().id(), request.jsonLength(), dispatch.trace());
        return pair == null ? AnswerListener.NONE : pair;
    }
}
