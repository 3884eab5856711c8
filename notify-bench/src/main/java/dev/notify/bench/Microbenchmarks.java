package dev.notify.bench;

import dev.notify.bench.report.MicroResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks of {@code dev.notify.bench.jmh} with short, bounded iterations. */
final class Microbenchmarks {
    private Microbenchmarks() {
    }

    static List<MicroResult> run() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("dev\\.notify\\.bench\\.jmh\\..*")
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx1g")
                .build()).run();
        List<MicroResult> micro = new ArrayList<>();
        for (RunResult run : results) {
            Result<?> primary = run.getPrimaryResult();
            String benchmark = run.getParams().getBenchmark();
            StringBuilder shortName = new StringBuilder(benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1));
            for (String key : run.getParams().getParamsKeys()) {
                shortName.append(' ').append(key).append('=').append(run.getParams().getParam(key));
            }
            micro.add(new MicroResult(shortName.toString(), primary.getScore(), primary.getScoreError(), primary.getScoreUnit()));
        }
        return micro;
    }
}
