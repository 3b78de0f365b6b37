package dev.shunt.gateway.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountingSplitTest {

    @ParameterizedTest
    @CsvSource({"5, 1000, 50", "1, 1000, 10", "25, 1000, 250", "50, 1000, 500", "0.5, 1000, 5",
            "33.3333, 3, 1", "1, 1, 1", "1, 150, 2", "0.0001, 2000000, 2"})
    void afterNRequestsExactlyCeilOfTheShareWent(double percent, int requests, int expected) {
        assertThat(count(new CountingSplit(percent), requests)).isEqualTo(expected);
    }

    @Test
    void everyRunGetsTheFloorOrCeilOfItsShare() {
        CountingSplit split = new CountingSplit(7);
        boolean[] sent = new boolean[10_000];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = split.next();
        }
        for (int length : new int[] {1, 30, 100, 1000}) {
            double share = length * 7 / 100.0;
            for (int start = 0; start + length <= sent.length; start += 13) {
                int n = 0;
                for (int i = start; i < start + length; i++) {
                    n += sent[i] ? 1 : 0;
                }
                assertThat(n).as("run of %d from %d", length, start)
                        .isBetween((int) Math.floor(share), (int) Math.ceil(share));
            }
        }
    }

    @Test
    void noneAndAll() {
        assertThat(count(CountingSplit.NONE, 1000)).isZero();
        assertThat(count(CountingSplit.ALL, 1000)).isEqualTo(1000);
        assertThat(CountingSplit.NONE.percent()).isZero();
        assertThat(CountingSplit.ALL.percent()).isEqualTo(100);
    }

    @Test
    void concurrentCallersStillSplitExactly() throws InterruptedException {
        CountingSplit split = new CountingSplit(5);
        int[] perThread = new int[4];
        Thread[] threads = new Thread[perThread.length];
        for (int t = 0; t < threads.length; t++) {
            int index = t;
            threads[t] = new Thread(() -> perThread[index] = count(split, 25_000));
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(perThread[0] + perThread[1] + perThread[2] + perThread[3]).isEqualTo(5_000);
    }

    private static int count(CountingSplit split, int requests) {
        int sent = 0;
        for (int i = 0; i < requests; i++) {
            if (split.next()) {
                sent++;
            }
        }
        return sent;
    }
}
