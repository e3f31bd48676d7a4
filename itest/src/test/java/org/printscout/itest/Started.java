package org.printscout.itest;

import java.util.ArrayList;
import java.util.List;

import org.junit.rules.ExternalResource;

/**
 * What a test started (simulators, agents, portals, relays), closed after the test, last started
 * first, whether the test passed or not. A JUnit rule: {@code @Rule public final Started started = new Started();}
 */
public final class Started extends ExternalResource {

    private final List<AutoCloseable> items = new ArrayList<>();

    /** Keeps {@code item} to close after the test; returns it. */
    public <T extends AutoCloseable> T add(T item) {
        items.add(item);
        return item;
    }

    @Override
    protected void after() {
        for (int i = items.size() - 1; i >= 0; i--) {
            try {
                items.get(i).close();
            } catch (Exception e) {
                // the next ones are closed all the same; the test's own result stands
                System.err.println("closing " + items.get(i) + " after the test failed: " + e);
            }
        }
        items.clear();
    }
}
