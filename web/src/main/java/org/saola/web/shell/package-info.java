/**
 * The page shell feature modules plug their pages into ({@link org.saola.web.shell.WebPage}): a named
 * interface of the web module.
 */
@org.springframework.modulith.NamedInterface("shell")
package org.saola.web.shell;
