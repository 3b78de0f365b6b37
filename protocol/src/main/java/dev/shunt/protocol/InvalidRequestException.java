package dev.shunt.protocol;

/**
 * A request body that is not a valid inference request, or does not fit the model. The message
 * names the field and what was expected, e.g. {@code inputs[0].data: 511 values, shape [1,512] needs 512}.
 */
public final class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message, null, false, false);
    }
}
