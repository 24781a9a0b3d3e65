package io.asyncorm.spring.test.app;

import io.asyncorm.orm.AsyncScopedSession;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/** Use cases that commit, or fail after writing. */
@Service
public class MemberService {

    private final AsyncScopedSession session;

    private final DatabaseClient client;

    public MemberService(AsyncScopedSession session, DatabaseClient client) {
        this.session = session;
        this.client = client;
    }

    /** Adds a member and commits. */
    @Transactional
    public Mono<Long> join(String email) {
        Member member = new Member(email);
        return this.session.add(member).then(this.session.flush()).then(Mono.fromCallable(member::getId));
    }

    /** Writes a member, then fails: the transaction rolls back. */
    @Transactional
    public Mono<Void> joinThenFail(String email) {
        return join(email).then(Mono.error(new IllegalStateException("failed after writing " + email)));
    }

    /** Inserts a member through Spring's DatabaseClient, outside any transaction (auto-commit). */
    public Mono<Long> insertWithoutTransaction(String email) {
        return this.client.sql("INSERT INTO aot_member (email) VALUES (:email)").bind("email", email).fetch().rowsUpdated();
    }

    /** Counts members through Spring's DatabaseClient (outside the session). */
    public Mono<Long> count() {
        return this.client.sql("SELECT count(*) AS n FROM aot_member").map(row -> row.get("n", Long.class)).one();
    }
}
