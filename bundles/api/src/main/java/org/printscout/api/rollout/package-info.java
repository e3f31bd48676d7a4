/**
 * Fleet updates (docs/rollout.md): what the upload bundle hands the rollout bundle (the desired set of
 * dealer-signed artifacts from the site configuration) and what the rollout bundle asks back of the
 * portal connection (downloads, status, the dealer keys pinned at activation).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.printscout.api.rollout;
