package dev.weft.core.test;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when netty reported a leaked buffer while it ran. Registered for every test
 * class through JUnit's extension auto-detection.
 */
public final class FailOnLeaks implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = LeakRecorder.collect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(
                    leaks.size()
                            + " leaked buffer(s) in "
                            + context.getDisplayName()
                            + ":\n"
                            + String.join("\n", leaks));
        }
    }
}
