package io.asyncorm.spring.testapp;

import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.orm.AsyncSession;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/** @Transactional methods that write through the scoped session and through DatabaseClient. */
@Service
public class NoteService {

    private final AsyncScopedSession session;

    private final DatabaseClient client;

    private final InnerNoteService inner;

    public NoteService(AsyncScopedSession session, DatabaseClient client, InnerNoteService inner) {
        this.session = session;
        this.client = client;
        this.inner = inner;
    }

    Mono<Void> log(String message) {
        return this.client.sql("insert into starter_log (message) values (:message)").bind("message", message).then();
    }

    @Transactional
    public Mono<Void> writeBoth(String text) {
        return this.session.add(new Note(text)).then(log(text));
    }

    @Transactional
    public Mono<Void> writeBothThenFail(String text) {
        return this.session.add(new Note(text)).then(this.session.flush()).then(log(text))
                .then(Mono.error(new IllegalStateException("failing after both writes")));
    }

    @Transactional
    public Mono<Void> outerWithFailingNested(String outer, String nested) {
        return this.session.add(new Note(outer)).then(log(outer))
                .then(this.inner.nestedThenFail(nested).onErrorResume(IllegalStateException.class, error -> Mono.empty()));
    }

    @Transactional
    public Mono<Void> outerWithNested(String outer, String nested) {
        return this.session.add(new Note(outer)).then(log(outer)).then(this.inner.nested(nested));
    }

    @Transactional
    public Mono<Void> outerFailsAfterRequiresNew(String outer, String independent) {
        return this.session.add(new Note(outer)).then(log(outer))
                .then(this.inner.requiresNew(independent))
                .then(Mono.error(new IllegalStateException("outer fails")));
    }

    /** The session the transaction runs on and the one a NOT_SUPPORTED call inside it sees. */
    @Transactional
    public Mono<AsyncSession[]> sessionsAcrossNotSupported() {
        return this.session.current().zipWith(this.inner.notSupportedSession(), (outer, inside) -> new AsyncSession[] {outer, inside});
    }

    @Transactional
    public Mono<Void> commitInside(String text) {
        return this.session.add(new Note(text)).then(this.session.commit());
    }

    @Transactional(isolation = Isolation.SERIALIZABLE)
    public Mono<String> isolationSeenByDatabaseClient() {
        return this.client.sql("show transaction_isolation").map(row -> row.get(0, String.class)).one();
    }

    @Transactional(readOnly = true)
    public Mono<String> readOnlySeenByDatabaseClient() {
        return this.client.sql("show transaction_read_only").map(row -> row.get(0, String.class)).one();
    }

    /**
     * Writes inside a read-only transaction with an explicit flush (the only way a read-only transaction writes; the
     * database refuses it); tells the server process id of the transaction's connection first.
     */
    @Transactional(readOnly = true)
    public Mono<Void> writeInReadOnly(String text, java.util.function.Consumer<Integer> backend) {
        return this.client.sql("select pg_backend_pid()").map(row -> row.get(0, Integer.class)).one().doOnNext(backend)
                .then(this.session.add(new Note(text))).then(this.session.flush());
    }

    /** Adds a note and changes another inside a read-only transaction: nothing of it may be written. */
    @Transactional(readOnly = true)
    public Mono<String> changeInReadOnly(int id, String text) {
        return this.session.add(new Note(text))
                .then(this.session.get(Note.class, id)).doOnNext(note -> note.setText(text))
                .then(this.session.scalar(io.asyncorm.orm.Orm.select(Note.class)).map(first -> "queried without autoflush"));
    }

    /** A statement slower than the transaction's one-second timeout, after a write the timeout must roll back. */
    @Transactional(timeout = 1)
    public Mono<Void> slowerThanTheTimeout(String text) {
        return this.session.add(new Note(text)).then(this.session.flush())
                .then(this.session.execute(io.asyncorm.sql.Sql.text("select pg_sleep(30)"))).then();
    }

    /** The scoped session inside a transaction: the same object on each call within one request. */
    @Transactional
    public Mono<AsyncSession> currentSession() {
        return this.session.current();
    }

    /** As currentSession(), holding the transaction open a while so that two calls overlap. */
    @Transactional
    public Mono<AsyncSession> currentSessionHeld() {
        return this.session.current().delayElement(java.time.Duration.ofMillis(200));
    }
}
