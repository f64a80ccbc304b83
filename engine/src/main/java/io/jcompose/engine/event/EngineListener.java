package io.jcompose.engine.event;

/** Receives engine events; called from several threads at once, so implementations synchronise. */
@FunctionalInterface
public interface EngineListener {

    EngineListener NONE = event -> { };

    void on(EngineEvent event);
}
