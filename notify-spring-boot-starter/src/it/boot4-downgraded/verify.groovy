// The test passed (the start failed with notify's message), then the enforcer failed the build.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert log =~ /Require upper bound dependencies error for io\.netty:netty-[a-z-]+:4\.2\.\d+\.Final/
assert log =~ /Require upper bound dependencies error for io\.lettuce:lettuce-core:6\./
