/**
 * Residents' photos made safe to keep and show (re-encoded without metadata) and where their bytes live; used
 * by every module that takes pictures from residents or staff (reports, proposals, project progress). Part of
 * the platform's shared kernel (a named interface of the platform module).
 */
@org.springframework.modulith.NamedInterface("media")
package org.saola.platform.media;
