package dev.shunt.protocol;

import static dev.shunt.protocol.BinaryTensorDataTest.concat;
import static dev.shunt.protocol.BinaryTensorDataTest.uint32s;
import static dev.shunt.protocol.DecodeContract.acceptedOrRefused;
import static dev.shunt.protocol.DecodeContract.holdsTogether;
import static dev.shunt.protocol.Json.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile inputs chosen rather than found: every truncation of valid bodies, nesting far past the
 * limits, huge numbers, data of the wrong type, shapes whose product no buffer could hold, invalid
 * UTF-8 and binary sections that lie about their sizes. Each is refused with an
 * {@link InvalidRequestException} that says why, and none costs memory in proportion to what it
 * claims.
 */
class HostileRequestsTest {

    /** Generous for one decode of a body under 1 KiB; a buffer sized from any giant shape here is GiBs. */
    private static final long ALLOCATION_BOUND = 4L << 20;
    private static final int DEPTH = 10_000;

    private final InferenceCodec codec = new InferenceCodec();
    private final RequestPeek peek = new RequestPeek();
    private final RequestParameterSplice splice = new RequestParameterSplice();

    @Test
    void binaryByteCountOverflowingALongIsRefusedNotReadShort() {
        // 2^60+1 rows of 4 FP32 need 2^64+16 bytes, which is 16 modulo 2^64: once read as 4 floats
        byte[] json = q("{'inputs':[{'name':'x','shape':[1152921504606846977,4],'datatype':'FP32',"
                + "'parameters':{'binary_data_size':16}}]}");
        byte[] body = concat(json, new byte[16]);

        assertThatThrownBy(() -> codec.decodeRequest(body, 0, body.length, json.length))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("inputs[0].parameters.binary_data_size: 16 bytes, but FP32 shape [1152921504606846977,4]"
                        + " needs 4611686018427387908 x 4");
        byte[] json8 = q("{'inputs':[{'name':'x','shape':[2305843009213693952],'datatype':'FP64',"
                + "'parameters':{'binary_data_size':0}}]}");
        assertThatThrownBy(() -> codec.decodeRequest(json8, 0, json8.length, json8.length))
                .hasMessage("inputs[0].parameters.binary_data_size: 0 bytes, but FP64 shape [2305843009213693952]"
                        + " needs 2305843009213693952 x 8");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FP32 | 'data':[1]              | inputs[0].data: 1 values, shape [1048576,1048576] needs 1099511627776",
        "FP64 | 'data':[[1],[2]]        | inputs[0].data: 2 values, shape [1048576,1048576] needs 1099511627776",
        "BOOL | 'data':[true]           | inputs[0].data: 1 values, shape [1048576,1048576] needs 1099511627776",
        "INT64 | 'data':[1]             | inputs[0].data: 1 values, shape [1048576,1048576] needs 1099511627776",
        "BYTES | 'data':['a']           | inputs[0].data: 1 values, shape [1048576,1048576] needs 1099511627776",
        "FP32 | 'parameters':{'binary_data_size':4} | inputs[0].parameters.binary_data_size: 4 bytes, but FP32 shape"
                + " [1048576,1048576] needs 4398046511104",
        "BYTES | 'parameters':{'binary_data_size':5} | inputs[0]: 1 BYTES elements in its 5 bytes, shape needs"
                + " 1099511627776"})
    void aShapeOfATrillionElementsWithATinyBodyIsRefusedWithoutAllocatingForIt(String datatype, String data,
            String message) {
        byte[] json = q("{'inputs':[{'name':'x','shape':[1048576,1048576],'datatype':'" + datatype + "'," + data + "}]}");
        boolean binary = data.contains("binary_data_size");
        byte[] body = binary ? concat(json, datatype.equals("BYTES") ? concat(uint32s(1), new byte[] {'a'}) : new byte[4])
                : json;
        int jsonLength = binary ? json.length : -1;
        refusal(() -> codec.decodeRequest(body, 0, body.length, jsonLength)); // warm up: classes, messages

        long before = allocatedBytes();
        String refusal = refusal(() -> codec.decodeRequest(body, 0, body.length, jsonLength));
        long allocated = allocatedBytes() - before;

        assertThat(refusal).isEqualTo(message);
        assertThat(allocated).as("bytes allocated to refuse a shape of 2^40 elements").isLessThan(ALLOCATION_BOUND);
    }

    @Test
    void theDataBeforeAGiantShapeIsSizedByTheBytesNotTheShape() {
        byte[] body = q("{'inputs':[{'name':'x','data':[1,2,3],'datatype':'FP32','shape':[2147483648,2147483648]}]}");
        refusal(() -> codec.decodeRequest(body));

        long before = allocatedBytes();
        String refusal = refusal(() -> codec.decodeRequest(body));
        long allocated = allocatedBytes() - before;

        assertThat(refusal).isEqualTo("inputs[0].data: 3 values, shape [2147483648,2147483648] needs 4611686018427387904");
        assertThat(allocated).isLessThan(ALLOCATION_BOUND);
    }

    @Test
    void aShapeWhoseProductOverflowsALongIsRefusedByEveryReader() {
        byte[] body = q("{'inputs':[{'name':'x','shape':[2147483648,2147483648,4],'datatype':'FP32','data':[1]}]}");
        String expected = "inputs[0].shape: [2147483648,2147483648,4] has too many elements";
        assertThat(refusal(() -> codec.decodeRequest(body))).isEqualTo(expected);
        assertThat(refusal(() -> peek.peek(body))).isEqualTo(expected);
        assertThat(refusal(() -> peek.batchSize(body, 0, body.length))).isEqualTo(expected);
    }

    @Test
    void thePeekOfTwoGiantBinaryInputsIsRefusedNotAnInternalError() {
        byte[] json = q("{'inputs':[{'name':'a','shape':[1],'datatype':'FP32','parameters':{'binary_data_size':"
                + Long.MAX_VALUE + "}},{'name':'b','shape':[1],'datatype':'FP32','parameters':{'binary_data_size':"
                + Long.MAX_VALUE + "}}]}");

        assertThat(refusal(() -> peek.peek(json))).isEqualTo("inputs: the binary_data_size values add up past 9223372036854775807 bytes");
    }

    @Test
    void everyTruncationOfAValidBodyIsRefused() {
        List<byte[]> bodies = List.of(
                q("{'id':'t','inputs':[{'name':'a','shape':[2,2],'datatype':'INT32','data':[[1,2],[3,4]]},"
                        + "{'name':'s','shape':[1],'datatype':'BYTES','data':['\u00e9\u4e2d']}],"
                        + "'parameters':{'timeout':5},'outputs':[{'name':'o'}]}"),
                q("{'inputs':[{'data':[0.5,'NaN',-1e-3],'name':'f','shape':[3],'datatype':'FP64'}]}"));
        int cuts = 0;
        for (byte[] body : bodies) {
            assertThat(codec.decodeRequest(body).inputs()).isNotEmpty();
            for (int cut = 0; cut < body.length; cut++) {
                byte[] prefix = java.util.Arrays.copyOf(body, cut);
                assertThat(refusal(() -> codec.decodeRequest(prefix))).as("cut at %d", cut).isNotBlank();
                assertThat(refusal(() -> peek.peek(prefix))).as("peek cut at %d", cut).isNotBlank();
                cuts++;
            }
        }
        assertThat(cuts).isGreaterThan(150);
    }

    @Test
    void everyTruncationOfABinaryBodyIsRefusedWhateverItsHeaderSays() {
        InferenceRequest request = new InferenceRequest("b", Map.of(), List.of(
                InferInput.of("f", new long[] {2, 2}, Datatype.FP32, new TensorData.Floats(new float[] {1, 2, 3, 4})),
                InferInput.of("s", new long[] {2}, Datatype.BYTES, TensorData.Bytes.ofStrings(List.of("ab", "\u00e9"))),
                InferInput.of("j", new long[] {1}, Datatype.INT8, new TensorData.Longs(new long[] {-3}))), List.of());
        EncodedMessage message = codec.encodeRequest(request, name -> !name.equals("j"));
        byte[] whole = message.bytes();
        String header = Integer.toString(message.jsonLength());
        assertThat(codec.decodeRequest(whole, 0, whole.length, message.jsonLength())).isEqualTo(request);

        for (int cut = 0; cut < whole.length; cut++) {
            int length = cut;
            String refusal = refusal(() -> codec.decodeRequest(whole, 0, length,
                    BinaryTensors.jsonLength(header, length)));
            if (cut < message.jsonLength()) {
                assertThat(refusal).as("cut at %d", cut).isEqualTo("Inference-Header-Content-Length: "
                        + BinaryTensors.pastTheEnd(message.jsonLength(), cut));
            } else {
                assertThat(refusal).as("cut at %d", cut).contains("binary_data_size");
            }
        }
    }

    @Test
    void nestingTenThousandDeepIsRefusedEverywhereWithoutAStackOverflow() {
        String arrays = "[".repeat(DEPTH) + "1" + "]".repeat(DEPTH);
        String objects = "{\"a\":".repeat(DEPTH) + "1" + "}".repeat(DEPTH);
        String tensor = "{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",";
        List<String> bodies = List.of(
                "{\"inputs\":[" + tensor + "\"data\":" + arrays + "}]}",
                "{\"inputs\":[{\"name\":\"x\",\"data\":" + arrays + ",\"shape\":[1],\"datatype\":\"FP32\"}]}",
                "{\"extra\":" + arrays + ",\"inputs\":[" + tensor + "\"data\":[1]}]}",
                "{\"extra\":" + objects + ",\"inputs\":[" + tensor + "\"data\":[1]}]}",
                "{\"inputs\":[" + tensor + "\"data\":[1],\"extra\":" + objects + "}]}",
                "{\"inputs\":[" + tensor + "\"data\":[1]}],\"parameters\":{\"p\":" + objects + "}}",
                "{\"inputs\":[" + tensor + "\"data\":[1]}],\"outputs\":[{\"name\":\"o\",\"x\":" + arrays + "}]}",
                arrays,
                objects,
                "[".repeat(DEPTH * 10));
        for (String text : bodies) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            String shown = text.substring(0, 40);
            assertThat(refusal(() -> codec.decodeRequest(body))).as(shown).containsAnyOf("nesting depth",
                    "nested deeper than 32", "expected a string, number or boolean", "expected a JSON object");
            assertThat(refusal(() -> peek.peek(body))).as(shown).isNotBlank();
            acceptedOrRefused(() -> peek.batchSize(body, 0, body.length));
            assertThat(refusal(() -> codec.decodeResponse(body))).as(shown).isNotBlank();
            assertThat(splice.apply(body, 1000, 1)).as("the splice never throws").isNotEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1e400]                  | inputs[0].shape: expected an array of non-negative integers",
        "[18446744073709551616]   | inputs[0].shape: expected an array of non-negative integers",
        "[9223372036854775808]    | inputs[0].shape: expected an array of non-negative integers",
        "[1.0]                    | inputs[0].shape: expected an array of non-negative integers",
        "['NaN']                  | inputs[0].shape: expected an array of non-negative integers",
        "[-1]                     | inputs[0].shape: expected an array of non-negative integers",
        "[[1]]                    | inputs[0].shape: expected an array of non-negative integers",
        "1                        | inputs[0].shape: expected an array of non-negative integers",
        "[NaN]                    | body: not valid JSON",
        "[9223372036854775807]    | inputs[0].data: 1 values, shape [9223372036854775807] needs 9223372036854775807",
        "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1] | inputs[0].shape: rank is over 16"})
    void hugeAndOddNumbersInShapesAreRefused(String shape, String message) {
        byte[] body = q("{'inputs':[{'name':'x','shape':" + shape + ",'datatype':'FP32','data':[1]}]}");
        assertThat(refusal(() -> codec.decodeRequest(body))).startsWith(message);
        if (!message.contains(".data")) {
            assertThat(refusal(() -> peek.peek(body))).startsWith(message);
        }
    }

    @Test
    void minusZeroIsAZeroDimension() {
        byte[] body = q("{'inputs':[{'name':'x','shape':[-0,3],'datatype':'FP32','data':[]}]}");
        assertThat(codec.decodeRequest(body).inputs().get(0).shape()).containsExactly(0, 3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "FP32   | 1e400                   | inputs[0].data[0]: 1e400 is out of range for FP32",
        "FP32   | 1e39                    | inputs[0].data[0]: 1e39 is out of range for FP32",
        "FP16   | 65520                   | inputs[0].data[0]: 65520 is out of range for FP16",
        "FP64   | -1e400                  | inputs[0].data[0]: -1e400 is out of range for FP64",
        "INT64  | 9223372036854775808     | inputs[0].data[0]: 9223372036854775808 is out of range for INT64",
        "UINT64 | 18446744073709551616    | inputs[0].data[0]: 18446744073709551616 is out of range for UINT64",
        "UINT8  | 256                     | inputs[0].data[0]: 256 is out of range for UINT8",
        "UINT8  | -1                      | inputs[0].data[0]: -1 is out of range for UINT8",
        "INT32  | 1e2                     | inputs[0].data[0]: 1e2 is not an integer (expected: an integer for INT32)",
        "INT32  | -0.0                    | inputs[0].data[0]: -0.0 is not an integer (expected: an integer for INT32)",
        "FP32   | 'nan'                   | inputs[0].data[0]: expected a number for FP32",
        "FP32   | NaN                     | body: not valid JSON",
        "FP32   | true                    | inputs[0].data[0]: expected a number for FP32",
        "FP32   | null                    | inputs[0].data[0]: expected a number for FP32",
        "FP32   | {}                      | inputs[0].data[0]: expected a number for FP32",
        "INT8   | '1'                     | inputs[0].data[0]: expected an integer for INT8",
        "BOOL   | 1                       | inputs[0].data[0]: expected true or false for BOOL",
        "BOOL   | 'true'                  | inputs[0].data[0]: expected true or false for BOOL",
        "BYTES  | 1                       | inputs[0].data[0]: expected a string for BYTES",
        "BYTES  | ['a']                   | ACCEPTED",
        "FP32   | -0                      | ACCEPTED",
        "FP64   | 1e-400                  | ACCEPTED",
        "UINT8  | -0                      | ACCEPTED"})
    void hugeNumbersAndWrongTypesInDataAreRefusedByElement(String datatype, String value, String message) {
        byte[] body = q("{'inputs':[{'name':'x','shape':[1],'datatype':'" + datatype + "','data':[" + value + "]}]}");
        if (message.equals("ACCEPTED")) {
            InferenceRequest decoded = codec.decodeRequest(body);
            holdsTogether(decoded);
            return;
        }
        assertThat(refusal(() -> codec.decodeRequest(body))).startsWith(message);
    }

    @Test
    void mismatchedShapesAndDataAreRefused() {
        assertThat(refusal(() -> codec.decodeRequest(q(
                "{'inputs':[{'name':'x','shape':[2,2],'datatype':'FP32','data':[[1,2],[3]]}]}"))))
                .isEqualTo("inputs[0].data: 3 values, shape [2,2] needs 4");
        assertThat(refusal(() -> codec.decodeRequest(q(
                "{'inputs':[{'name':'x','shape':[0],'datatype':'FP32','data':[1]}]}"))))
                .isEqualTo("inputs[0].data: 1 values, shape [0] needs 0");
        assertThat(refusal(() -> codec.decodeRequest(q(
                "{'inputs':[{'name':'x','shape':[],'datatype':'INT8','data':[]}]}"))))
                .isEqualTo("inputs[0].data: 0 values, shape [] needs 1");
        assertThat(refusal(() -> codec.decodeRequest(q(
                "{'inputs':[{'name':'x','shape':[2],'datatype':'FP32','data':1}]}"))))
                .isEqualTo("inputs[0].data: expected an array");
    }

    @ParameterizedTest
    @CsvSource({
        "name, c328", "name, ff", "name, 80", "name, e282", "name, f8888080",
        "datatype, ff", "id, c328", "data, c328", "data, fe", "key, c328"})
    void invalidUtf8IsRefusedAsNotJson(String where, String hex) {
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        String marker = "@@";
        String text = switch (where) {
            case "name" -> "{'inputs':[{'name':'a@@','shape':[1],'datatype':'BYTES','data':['x']}]}";
            case "datatype" -> "{'inputs':[{'name':'a','shape':[1],'datatype':'FP@@','data':[1]}]}";
            case "id" -> "{'id':'@@','inputs':[{'name':'a','shape':[1],'datatype':'BYTES','data':['x']}]}";
            case "data" -> "{'inputs':[{'name':'a','shape':[1],'datatype':'BYTES','data':['x@@']}]}";
            default -> "{'parameters':{'k@@':1},'inputs':[{'name':'a','shape':[1],'datatype':'BYTES','data':['x']}]}";
        };
        byte[] template = q(text);
        int at = new String(template, StandardCharsets.ISO_8859_1).indexOf(marker);
        byte[] body = concat(java.util.Arrays.copyOf(template, at), bad,
                java.util.Arrays.copyOfRange(template, at + marker.length(), template.length));

        assertThat(refusal(() -> codec.decodeRequest(body))).startsWith("body: not valid JSON (Invalid UTF-8");
        if (!where.equals("data") && !where.equals("key")) {
            assertThat(refusal(() -> peek.peek(body))).startsWith("body: not valid JSON (Invalid UTF-8");
        }
    }

    /**
     * Jackson decodes overlong ({@code C0 AF} for {@code /}), surrogate ({@code ED A0 80}) and
     * beyond-U+10FFFF ({@code F4 90 80 80}) sequences instead of refusing them. Not fixed here: what
     * comes out is a Java string that every reader of the body agrees on (the peek and the decoder see
     * the same name), nothing downstream compares raw bytes, and a strict check of every body would
     * cost the gateway's peek, which reads no further than the first shape, a pass over the whole body.
     */
    @ParameterizedTest
    @CsvSource({"c0af, a/", "eda080, a\ud800", "f4908080, a\udc00\udc00"})
    void leniencyOfJacksonWithOverlongUtf8IsTheSameForEveryReader(String hex, String escaped) {
        byte[] template = q("{'inputs':[{'name':'a@@','shape':[1],'datatype':'BYTES','data':['x']}]}");
        int at = new String(template, StandardCharsets.ISO_8859_1).indexOf("@@");
        byte[] body = concat(java.util.Arrays.copyOf(template, at), java.util.HexFormat.of().parseHex(hex),
                java.util.Arrays.copyOfRange(template, at + 2, template.length));

        String name = codec.decodeRequest(body).inputs().get(0).name();
        assertThat(peek.peek(body).inputs().get(0).name()).isEqualTo(name);
        assertThat(name).startsWith("a").isNotEqualTo("a");
    }

    @Test
    void binaryBytesElementsAreOpaqueSoInvalidUtf8IsKeptAsItIs() {
        byte[] json = q("{'inputs':[{'name':'t','shape':[2],'datatype':'BYTES','parameters':{'binary_data_size':11}}]}");
        byte[] body = concat(json, uint32s(2), new byte[] {(byte) 0xc3, 0x28}, uint32s(1), new byte[] {(byte) 0xff});

        TensorData.Bytes data = (TensorData.Bytes) codec.decodeRequest(body, 0, body.length, json.length)
                .inputs().get(0).data();
        assertThat(data.values()).containsExactly(new byte[] {(byte) 0xc3, 0x28}, new byte[] {(byte) 0xff});
    }

    @Test
    void aBytesElementClaimingFourGibibytesIsRefusedWithoutAllocatingThem() {
        byte[] json = q("{'inputs':[{'name':'t','shape':[1],'datatype':'BYTES','parameters':{'binary_data_size':8}}]}");
        byte[] body = concat(json, new byte[] {-1, -1, -1, -1}, new byte[] {'a', 'b', 'c', 'd'});
        refusal(() -> codec.decodeRequest(body, 0, body.length, json.length));

        long before = allocatedBytes();
        String refusal = refusal(() -> codec.decodeRequest(body, 0, body.length, json.length));
        long allocated = allocatedBytes() - before;

        assertThat(refusal).isEqualTo("inputs[0]: BYTES element 0 of 4294967295 bytes runs past its binary_data_size"
                + " (4 bytes left)");
        assertThat(allocated).isLessThan(ALLOCATION_BOUND);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-1                    | Inference-Header-Content-Length: -1 (expected: >= 0)",
        "-9223372036854775808  | Inference-Header-Content-Length: -9223372036854775808 (expected: >= 0)",
        "99999999999999999999  | Inference-Header-Content-Length: 99999999999999999999 (expected: the JSON header's length in bytes)",
        "2147483648            | Inference-Header-Content-Length: 2147483648 is past the end of the 100-byte body",
        "1e2                   | Inference-Header-Content-Length: 1e2 (expected: the JSON header's length in bytes)",
        "0x10                  | Inference-Header-Content-Length: 0x10 (expected: the JSON header's length in bytes)",
        "''                    | Inference-Header-Content-Length:  (expected: the JSON header's length in bytes)"})
    void headerLengthsThatAreNotAByteCountWithinTheBodyAreRefused(String header, String message) {
        assertThat(refusal(() -> BinaryTensors.jsonLength(header, 100))).isEqualTo(message);
    }

    @Test
    void binarySectionsLongerOrShorterThanDeclaredAreRefused() {
        byte[] json = q("{'inputs':[{'name':'a','shape':[2],'datatype':'INT16','parameters':{'binary_data_size':4}},"
                + "{'name':'b','shape':[1],'datatype':'FP64','parameters':{'binary_data_size':8}}]}");
        byte[] exact = concat(json, new byte[12]);
        assertThat(codec.decodeRequest(exact, 0, exact.length, json.length).inputs()).hasSize(2);

        byte[] shorter = concat(json, new byte[11]);
        assertThat(refusal(() -> codec.decodeRequest(shorter, 0, shorter.length, json.length))).isEqualTo(
                "inputs[1].parameters.binary_data_size: 8 bytes from byte 4 of the binary data, but only 7 remain"
                        + " (a truncated body, or a wrong Inference-Header-Content-Length?)");
        byte[] longer = concat(json, new byte[13]);
        assertThat(refusal(() -> codec.decodeRequest(longer, 0, longer.length, json.length))).startsWith(
                "body: 1 bytes after the last binary tensor");
        byte[] wrongSize = q("{'inputs':[{'name':'a','shape':[2],'datatype':'INT16','parameters':{'binary_data_size':3}}]}");
        byte[] odd = concat(wrongSize, new byte[3]);
        assertThat(refusal(() -> codec.decodeRequest(odd, 0, odd.length, wrongSize.length))).isEqualTo(
                "inputs[0].parameters.binary_data_size: 3 bytes, but INT16 shape [2] needs 4");
        byte[] hugeSize = q("{'inputs':[{'name':'a','shape':[2],'datatype':'INT16','parameters':{'binary_data_size':"
                + "9223372036854775807}}]}");
        byte[] huge = concat(hugeSize, new byte[4]);
        assertThat(refusal(() -> codec.decodeRequest(huge, 0, huge.length, hugeSize.length))).startsWith(
                "inputs[0].parameters.binary_data_size: 9223372036854775807 bytes from byte 0 of the binary data,"
                        + " but only 4 remain");
        byte[] sizeTypes = q("{'inputs':[{'name':'a','shape':[2],'datatype':'INT16','parameters':{'binary_data_size':"
                + "4.0}}]}");
        assertThat(refusal(() -> codec.decodeRequest(concat(sizeTypes, new byte[4]), 0, sizeTypes.length + 4,
                sizeTypes.length))).isEqualTo("inputs[0].parameters.binary_data_size: 4.0 (expected: a byte count, >= 0)");
    }

    private static String refusal(Supplier<?> decode) {
        try {
            Object accepted = decode.get();
            throw new AssertionError("accepted: " + accepted);
        } catch (InvalidRequestException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return refused.getMessage();
        }
    }

    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
