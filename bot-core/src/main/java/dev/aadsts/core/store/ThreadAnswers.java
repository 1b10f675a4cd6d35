package dev.aadsts.core.store;

import java.time.Duration;

/**
 * Which codes a chat thread has already been explained with, so a code pasted again in the thread is not
 * explained twice, whichever replica sees the paste and also after a restart.
 */
public interface ThreadAnswers {

    /**
     * Records that {@code code} is being answered in {@code thread}: true the first time within {@code keepFor},
     * false while an earlier answer is kept. Atomic across threads and replicas: of two concurrent calls
     * exactly one gets true.
     *
     * @param thread names the thread on its platform, e.g. "slack:C0123/1700000100.000200"
     */
    boolean firstAnswer(String thread, String code, Duration keepFor);

    /** Whether {@code code} was answered in {@code thread} and the record is still kept; records nothing. */
    boolean answered(String thread, String code);
}
