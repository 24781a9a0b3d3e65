package io.asyncorm.spring.testapp;

import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.orm.AsyncSession;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/** The inner transactions NoteService calls through the proxy: NESTED, REQUIRES_NEW and NOT_SUPPORTED. */
@Service
public class InnerNoteService {

    private final AsyncScopedSession session;

    private final DatabaseClient client;

    public InnerNoteService(AsyncScopedSession session, DatabaseClient client) {
        this.session = session;
        this.client = client;
    }

    @Transactional(propagation = Propagation.NESTED)
    public Mono<Void> nestedThenFail(String text) {
        return this.session.add(new Note(text)).then(this.session.flush())
                .then(this.client.sql("insert into starter_log (message) values (:message)").bind("message", text).then())
                .then(Mono.error(new IllegalStateException("nested fails")));
    }

    @Transactional(propagation = Propagation.NESTED)
    public Mono<Void> nested(String text) {
        return this.session.add(new Note(text)).then(this.session.flush())
                .then(this.client.sql("insert into starter_log (message) values (:message)").bind("message", text).then());
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Mono<Void> requiresNew(String text) {
        return this.session.add(new Note(text))
                .then(this.client.sql("insert into starter_log (message) values (:message)").bind("message", text).then());
    }

    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Mono<AsyncSession> notSupportedSession() {
        return this.session.current();
    }
}
