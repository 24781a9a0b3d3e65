package io.asyncorm.orm.callbacks;

import jakarta.persistence.PostRemove;
import jakarta.persistence.PrePersist;

/** An entity listener class: its callbacks take the entity and run before the entity's own. */
public class MemoLog {

    @PrePersist
    void beforeInsert(Object memo) {
        ((Audited) memo).calls.add("MemoLog.prePersist");
    }

    @PostRemove
    void afterDelete(Memo memo) {
        memo.calls.add("MemoLog.postRemove");
    }
}
