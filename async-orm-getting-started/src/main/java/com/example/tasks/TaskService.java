package com.example.tasks;

import static io.asyncorm.orm.Orm.select;

import io.asyncorm.orm.AsyncScopedSession;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

@Service
public class TaskService {

    private final AsyncScopedSession session;   // this request's (or this transaction's) session

    public TaskService(AsyncScopedSession session) {
        this.session = session;
    }

    @Transactional(readOnly = true)
    public Mono<List<Task>> all() {
        return session.list(select(Task.class).orderBy(Task_.id.asc()));
    }

    @Transactional
    public Mono<Task> add(String title) {
        Task task = new Task(title);
        return session.add(task).then(session.flush()).thenReturn(task);   // flush: the id is known before returning
    }

    @Transactional
    public Mono<Task> finish(long id) {
        return session.get(Task.class, id).doOnNext(Task::finish);          // the commit writes the change
    }
}
