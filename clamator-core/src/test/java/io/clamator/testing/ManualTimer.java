package io.clamator.testing;

import io.clamator.transport.spi.TransportTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A timer whose tasks run only when the test says so: what was scheduled is visible, and nothing runs by itself. */
public final class ManualTimer implements TransportTimer {

    private final List<Task> tasks = new ArrayList<>();

    @Override
    public synchronized Scheduled schedule(Runnable task, Duration delay) {
        Task scheduled = new Task(task, delay);
        tasks.add(scheduled);
        return () -> cancel(scheduled);
    }

    /** The delays of the tasks waiting to run, in the order they were scheduled. */
    public synchronized List<Duration> pendingDelays() {
        return tasks.stream().map(Task::delay).toList();
    }

    /** Runs every task waiting now (not those they schedule in turn); returns how many ran. */
    public int runPending() {
        List<Task> due;
        synchronized (this) {
            due = new ArrayList<>(tasks);
            tasks.clear();
        }
        due.forEach(task -> task.runnable().run());
        return due.size();
    }

    private synchronized void cancel(Task task) {
        tasks.remove(task);
    }

    /** Compared by identity: the same task may be scheduled twice. */
    private static final class Task {

        private final Runnable runnable;
        private final Duration delay;

        Task(Runnable runnable, Duration delay) {
            this.runnable = runnable;
            this.delay = delay;
        }

        Runnable runnable() {
            return runnable;
        }

        Duration delay() {
            return delay;
        }
    }
}
