package org.licensekit.core.api;

/**
 * What one run of a lifecycle job did.
 *
 * @param examined records the job looked at (claims, pools or users)
 * @param changed records it changed (claims expired, reclaimed, moved; users archived)
 * @param notified notifications and alerts it sent
 * @param skipped records left alone because another run changed them first
 */
public record JobRun(long examined, long changed, long notified, long skipped) {}
