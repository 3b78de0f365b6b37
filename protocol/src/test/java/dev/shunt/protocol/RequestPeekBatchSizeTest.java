package dev.shunt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestPeekBatchSizeTest {

    final RequestPeek peek = new RequestPeek();

    long batch(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return peek.batchSize(b, 0, b.length);
    }

    @Test
    void readsTheFirstDimensionOfTheFirstInputWhereverShapeIs() {
        assertThat(batch("{\"id\":\"x\",\"inputs\":[{\"name\":\"a\",\"shape\":[3,2],\"datatype\":\"FP32\",\"data\":[1,2,3,4,5,6]}]}"))
                .isEqualTo(3);
        assertThat(batch("{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"data\":[[1],[2]],\"shape\":[2,1]}]}"))
                .isEqualTo(2);
        assertThat(batch("{\"parameters\":{\"timeout\":5},\"inputs\":[{\"shape\":[],\"data\":[1]}]}")).isEqualTo(1);
    }

    @Test
    void stopsAtTheShapeSoWhatFollowsIsNotRead() {
        assertThat(batch("{\"inputs\":[{\"shape\":[7,512],\"data\":[this is never read")).isEqualTo(7);
    }

    @Test
    void agreesWithTheFullPeekOnValidBodies() {
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            int rows = 1 + random.nextInt(8);
            StringBuilder data = new StringBuilder();
            for (int k = 0; k < rows * 3; k++) {
                data.append(k == 0 ? "" : ",").append(random.nextFloat());
            }
            String body = random.nextBoolean()
                    ? "{\"inputs\":[{\"name\":\"x\",\"shape\":[" + rows + ",3],\"datatype\":\"FP32\",\"data\":[" + data + "]}]}"
                    : "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"data\":[" + data + "],\"shape\":[" + rows + ",3]}]}";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            assertThat(peek.batchSize(b, 0, b.length)).isEqualTo(peek.peek(b).batchSize());
        }
    }

    @Test
    void malformedHeadsAreInvalidRequests() {
        assertThatThrownBy(() -> batch("{\"inputs\":{}}")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("inputs: expected a non-empty array");
        assertThatThrownBy(() -> batch("{\"inputs\":[{\"name\":\"x\"}]}")).hasMessageContaining("inputs[0]: missing \"shape\"");
        assertThatThrownBy(() -> batch("{\"inputs\":[{\"shape\":[-1,2]")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> batch("{")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> batch("{\"id\":1}")).isInstanceOf(InvalidRequestException.class);
    }
}
