package dev.shunt.gateway.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/**
 * Each {@link Target}, as the argument of a parameterized test; the targets are started on first use
 * and kept in the root store, so every class of the suite shares them and they stop when the run ends.
 */
final class EveryTarget implements ArgumentsProvider {

    private static final Namespace NAMESPACE = Namespace.create(EveryTarget.class);

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        Targets targets = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Targets.class, key -> {
            try {
                return Targets.start();
            } catch (Exception e) {
                throw new IllegalStateException("the conformance targets did not start", e);
            }
        }, Targets.class);
        return targets.all().stream().map(Arguments::of);
    }
}
