package dev.shunt.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary part of a body: hands each binary tensor, in the order the JSON lists them, its
 * {@code binary_data_size} bytes, and refuses sizes that do not add up to what the body holds.
 */
final class BinarySection {

    private BinarySection() {}

    /**
     * The tensors with their binary data read.
     *
     * @param list the JSON path of the tensors' array ({@code inputs}, {@code response.outputs})
     * @param start where the binary part starts in {@code body}; -1 when the body is JSON alone
     * @param end where it ends (exclusive)
     * @param jsonLength the JSON header's length, for messages
     */
    static List<TensorReader.Tensor> fill(List<TensorReader.Tensor> tensors, String list, byte[] body, int start,
            int end, int jsonLength) {
        List<TensorReader.Tensor> out = new ArrayList<>(tensors.size());
        int at = start;
        long declared = 0;
        for (int i = 0; i < tensors.size(); i++) {
            TensorReader.Tensor tensor = tensors.get(i);
            if (tensor.binarySize() < 0) {
                out.add(tensor);
                continue;
            }
            String path = list + '[' + i + ']';
            String sizePath = path + ".parameters." + BinaryTensors.SIZE_PARAMETER;
            if (start < 0) {
                throw JsonCursor.fail(sizePath, "binary tensor data needs the " + BinaryTensors.HEADER_LENGTH
                        + " header, and the message has none");
            }
            long size = tensor.binarySize();
            declared += size;
            if (size > end - at) {
                throw JsonCursor.fail(sizePath, size + " bytes from byte " + (at - start) + " of the binary data, but only "
                        + (end - at) + " remain (a truncated body, or a wrong " + BinaryTensors.HEADER_LENGTH + "?)");
            }
            out.add(tensor.withData(BinaryData.read(tensor.datatype(), tensor.shape(), body, at, (int) size, path)));
            at += (int) size;
        }
        if (start >= 0 && at != end) {
            throw JsonCursor.fail("body", (end - at) + " bytes after the last binary tensor: the "
                    + BinaryTensors.SIZE_PARAMETER + " values add up to " + declared + " bytes, and the body has "
                    + (end - start) + " after its " + jsonLength + "-byte JSON header");
        }
        return out;
    }
}
