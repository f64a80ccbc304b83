package io.jcompose.cli.command;

import io.jcompose.cli.Console;
import io.jcompose.cli.ConsoleAware;
import io.jcompose.cli.JcomposeCommand;
import io.jcompose.cli.option.GlobalOptions;
import io.jcompose.model.Project;
import io.jcompose.model.load.LoadOptions;
import io.jcompose.model.load.ProjectLoader;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** A command that works on a compose project: it maps the global options onto the loader's. */
public abstract class ProjectCommand implements Callable<Integer>, ConsoleAware {

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    protected Console console;

    @Override
    public void console(Console value) {
        this.console = value;
    }

    protected GlobalOptions global() {
        return ((JcomposeCommand) spec.root().userObject()).global;
    }

    /** Loader options from the global flags, the console's environment and directory. */
    protected LoadOptions loadOptions(List<String> services) {
        GlobalOptions g = global();
        return new LoadOptions(console.cwd(), g.files, Optional.ofNullable(g.projectName),
                Optional.ofNullable(g.projectDirectory), g.envFiles, g.profiles, services, console.env(), true, true,
                true, true, console::in, console::warn);
    }

    protected Project loadProject(List<String> services) {
        return ProjectLoader.load(loadOptions(services));
    }
}
