package io.asyncorm.spring.testapp;

import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.orm.AsyncSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Endpoints that show which session a request sees; the sessions are kept by name for the tests to inspect. */
@RestController
public class SessionController {

    /** The sessions the handlers saw, by the name the request gave. */
    public static final Map<String, AsyncSession> SEEN = new ConcurrentHashMap<>();

    /** Requests inside /session/{name} now, and the most seen at once. */
    public static final AtomicInteger ACTIVE = new AtomicInteger();

    public static final AtomicInteger MAX_ACTIVE = new AtomicInteger();

    private final AsyncScopedSession session;

    private final NoteService service;

    public SessionController(AsyncScopedSession session, NoteService service) {
        this.session = session;
        this.service = service;
    }

    private Mono<AsyncSession> record(String name) {
        return this.session.current().doOnNext(current -> SEEN.put(name, current));
    }

    /** Holds the request's session for a while with a pending object, so two requests overlap. */
    @GetMapping("/session/{name}")
    public Mono<String> session(@PathVariable("name") String name) {
        return record(name).flatMap(current -> this.session.add(new Note(name))
                .then(Mono.fromRunnable(() -> MAX_ACTIVE.accumulateAndGet(ACTIVE.incrementAndGet(), Math::max)))
                .then(Mono.delay(Duration.ofMillis(300)))
                .doFinally(signal -> ACTIVE.decrementAndGet())
                .thenReturn(Integer.toHexString(System.identityHashCode(current))));
    }

    /** Two @Transactional service calls and a plain use of the scoped session: are they all one session? */
    @GetMapping("/service-calls")
    public Mono<List<Boolean>> serviceCalls() {
        // One after the other: two transactions running at once on one request get two sessions (one session is
        // never shared by concurrent branches).
        return this.session.current().flatMap(direct -> this.service.currentSession()
                .flatMap(first -> this.service.currentSession().map(second -> List.of(first == direct, second == direct))));
    }

    @GetMapping("/failing/{name}")
    public Mono<String> failing(@PathVariable("name") String name) {
        return record(name).flatMap(current -> this.session.add(new Note(name)))
                .then(Mono.error(new IllegalStateException("handler fails")));
    }

    /** Flushes (so a transaction is open on a connection), then never answers: the client gives up. */
    @GetMapping("/hanging/{name}")
    public Mono<String> hanging(@PathVariable("name") String name) {
        return record(name).flatMap(current -> this.session.add(new Note(name))).then(this.session.flush())
                .then(Mono.fromRunnable(() -> SEEN.put(name + "-flushed", SEEN.get(name))))
                .then(Mono.never());
    }
}
