/**
 * The public sensor register (a named interface of the devices module): every sensor of a city, connected to
 * Saola or not, with whose it is, why it is there and what it does with personal data.
 */
@org.springframework.modulith.NamedInterface("register")
package org.saola.devices.register;
