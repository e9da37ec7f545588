/**
 * The engine/role boundary: {@link dev.weft.core.role.SocketRole}, the strategy one socket type
 * implements. Roles are called with the socket lock held and never block, do I/O or call user code.
 */
package dev.weft.core.role;
