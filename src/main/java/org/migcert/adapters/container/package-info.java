/**
 * The {@code container} adapter: each implementation's device programs run inside one container
 * of an image the local Docker engine has (or builds from the repository), started by
 * Testcontainers with no network, as the calling user, with a private directory for the sockets
 * bind-mounted at the same path. Each instance is one {@code docker exec} in that container,
 * reached through the vfio-user adapter's own client code.
 */
package org.migcert.adapters.container;
