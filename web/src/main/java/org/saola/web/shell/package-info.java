/**
 * What feature modules use of the web module (a named interface): the page shell they plug their pages into
 * ({@link org.saola.web.shell.WebPage}) and the tenant of a request without credentials
 * ({@link org.saola.web.shell.PublicTenant}), for their public pages and APIs, and the way pages write times
 * ({@link org.saola.web.shell.CityTime}).
 */
@org.springframework.modulith.NamedInterface("shell")
package org.saola.web.shell;
