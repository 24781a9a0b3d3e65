package io.asyncorm.spring.testapp;

import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.sql.Sql;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** A @Repository: its async-orm errors reach callers as Spring DataAccessExceptions. */
@Repository
public class NoteRepository {

    private final AsyncScopedSession session;

    public NoteRepository(AsyncScopedSession session) {
        this.session = session;
    }

    /** Emits NoResultFound (as an error signal) when there is no such note. */
    public Mono<Note> getOne(int id) {
        return this.session.getOne(Note.class, id);
    }

    /** Sends SQL the database cannot parse. */
    public Mono<Void> misspelledSql() {
        return this.session.execute(Sql.text("selct 1")).then();
    }
}
