package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.SessionEvents;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Micrometer observations of the sessions' flushes, commits and rollbacks ({@code asyncorm.session.flush},
 * {@code .commit}, {@code .rollback}), each the child of the observation in the subscriber's Reactor context (a
 * WebFlux request's, a {@code @Transactional} method's, the commit's for the flush it begins with). Low-cardinality
 * keys: {@code outcome} ({@code success}, {@code error}, {@code cancelled}) and {@code objects}, the objects with
 * changes to write when it began, in buckets ({@code 0}, {@code 1}, {@code 2-10}, {@code 11-100}, {@code 101+}).
 */
final class SessionObservations implements SessionEvents.OperationListener, DisposableBean {

    /** Where Micrometer keeps the current observation in a Reactor context (ObservationThreadLocalAccessor.KEY). */
    static final String CONTEXT_KEY = "micrometer.observation";

    private final ObservationRegistry registry;

    private final Disposable registration;

    SessionObservations(AsyncSessionMaker maker, ObservationRegistry registry) {
        this.registry = registry;
        this.registration = maker.events().aroundOperation(this);
    }

    @Override
    public Mono<Void> around(SessionEvents.Operation operation, Mono<Void> work) {
        return Mono.deferContextual(context -> {
            Observation parent = context.getOrDefault(CONTEXT_KEY, null);
            String kind = operation.kind().name().toLowerCase(Locale.ROOT);
            Observation observation = Observation.createNotStarted("asyncorm.session." + kind, this.registry)
                    .contextualName("async-orm " + kind).parentObservation(parent)
                    .lowCardinalityKeyValue("objects", bucket(operation.objects())).start();
            return work.doOnSuccess(done -> stop(observation, "success", null))
                    .doOnError(error -> stop(observation, "error", error))
                    .doOnCancel(() -> stop(observation, "cancelled", null))
                    .contextWrite(inner -> inner.put(CONTEXT_KEY, observation));
        });
    }

    private static void stop(Observation observation, String outcome, @Nullable Throwable error) {
        observation.lowCardinalityKeyValue("outcome", outcome);
        if (error != null) {
            observation.error(error);
        }
        observation.stop();
    }

    static String bucket(int objects) {
        if (objects <= 1) {
            return String.valueOf(Math.max(objects, 0));
        }
        return objects <= 10 ? "2-10" : objects <= 100 ? "11-100" : "101+";
    }

    @Override
    public void destroy() {
        this.registration.dispose();
    }
}
