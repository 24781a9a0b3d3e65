package com.example.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.exception.IntegrityError;
import io.asyncorm.spring.test.AsyncOrmTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import reactor.test.StepVerifier;

@AsyncOrmTest(includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = TaskService.class))
class TaskServiceTests {

    @Autowired
    TaskService tasks;

    @Test
    void addsAndFinishesATask() {
        Task added = tasks.add("write the docs").block();
        StepVerifier.create(tasks.finish(added.getId())).assertNext(task -> assertThat(task.isDone()).isTrue()).verifyComplete();
        StepVerifier.create(tasks.all()).assertNext(all -> assertThat(all).extracting(Task::getTitle).containsExactly("write the docs"))
                .verifyComplete();
    }

    @Test
    void titlesAreUnique() {
        // The other test's task was rolled back, so this one starts from an empty table too.
        StepVerifier.create(tasks.add("write the docs")).expectNextCount(1).verifyComplete();
        StepVerifier.create(tasks.add("write the docs")).expectError(IntegrityError.class).verify();
    }
}
