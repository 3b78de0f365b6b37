package dev.shunt.gateway.pipeline;

/** Client text quoted in messages, cut short. */
final class Texts {

    private Texts() {}

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
