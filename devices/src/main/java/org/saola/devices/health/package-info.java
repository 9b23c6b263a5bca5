/**
 * The health watch: what each device has been doing, whether it is healthy by its profile's expectations, and
 * the maintenance work items for the devices that are not. Other modules may read health and hear of work
 * items opened and closed ({@link org.saola.devices.health.DeviceWorkItemOpened}).
 */
@org.springframework.modulith.NamedInterface("health")
package org.saola.devices.health;
