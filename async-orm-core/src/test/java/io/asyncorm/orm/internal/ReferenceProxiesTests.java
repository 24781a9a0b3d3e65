package io.asyncorm.orm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The placeholder class of a lazy reference is defined once even when many threads ask for it first at the same moment. */
class ReferenceProxiesTests {

    /** Used by this test only, so its placeholder class does not exist yet. */
    public static class Fresh {
    }

    @Test
    void concurrentFirstUsesDefineThePlaceholderClassOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Class<?>>> results = IntStream.range(0, 8).mapToObj(i -> threads.<Class<?>>submit(() -> {
                start.await();
                return ReferenceProxies.proxyClass(Fresh.class);
            })).toList();
            start.countDown();
            Class<?> first = results.get(0).get();
            for (Future<Class<?>> result : results) {
                assertThat(result.get()).isSameAs(first);
            }
            assertThat(first.getSuperclass()).isEqualTo(Fresh.class);
        } finally {
            threads.shutdownNow();
        }
    }
}
