//! Self-tests of the lifecycle stand-in that do not need the real buildpack:
//! env file rules, launch env, restore emulation, plan resolution, and a whole
//! build/rebuild/launch cycle with a hand-made shell buildpack.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use testkit::lifecycle::{
    App, LayerTypes, apply_env_dir, launch_env_for_layers, layer_tomls, list_files, resolve_plan, restore_layers, restore_layers_in_place,
};

fn write(path: &Path, contents: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

fn env_of(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect()
}

#[test]
fn env_dir_applies_every_suffix_like_the_lifecycle() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("PLAIN"), "plain\n"); // no suffix = override, verbatim (newline kept)
    write(&d.join("OVER.override"), "new");
    write(&d.join("DEF_UNSET.default"), "d1");
    write(&d.join("DEF_EMPTY.default"), "d2");
    write(&d.join("DEF_SET.default"), "ignored");
    write(&d.join("PRE.prepend"), "/pre");
    write(&d.join("PRE.delim"), ":");
    write(&d.join("PRE_NODELIM.prepend"), "x");
    write(&d.join("APP.append"), "/app");
    write(&d.join("APP.delim"), ";");
    write(&d.join("APP_NODELIM.append"), "y");
    write(&d.join("APP_UNSET.append"), "only");
    write(&d.join("PRE_UNSET.prepend"), "only");
    write(&d.join("ODD.unknown"), "nope");
    write(&d.join("ONLYDELIM.delim"), ",");
    write(&d.join("subdir/IGNORED"), "nope"); // sub-directories (process dirs) are skipped

    let mut env = env_of(&[
        ("OVER", "old"),
        ("DEF_EMPTY", ""),
        ("DEF_SET", "kept"),
        ("PRE", "/base"),
        ("PRE_NODELIM", "base"),
        ("APP", "/base"),
        ("APP_NODELIM", "base"),
        ("ODD", "same"),
    ]);
    apply_env_dir(&mut env, d).unwrap();
    let expected = env_of(&[
        ("PLAIN", "plain\n"),
        ("OVER", "new"),
        ("DEF_UNSET", "d1"),
        ("DEF_EMPTY", "d2"),
        ("DEF_SET", "kept"),
        ("PRE", "/pre:/base"),
        ("PRE_NODELIM", "xbase"),
        ("APP", "/base;/app"),
        ("APP_NODELIM", "basey"),
        ("APP_UNSET", "only"),
        ("PRE_UNSET", "only"),
        ("ODD", "same"),
    ]);
    assert_eq!(env, expected);

    // A missing dir changes nothing.
    let before = env.clone();
    apply_env_dir(&mut env, &d.join("missing")).unwrap();
    assert_eq!(env, before);
}

#[test]
fn same_dir_files_apply_in_file_name_order() {
    // Lifecycle reads the dir sorted: X.append < X.default < X.override < X.prepend.
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("X.append"), "a");
    write(&dir.path().join("X.default"), "d");
    write(&dir.path().join("X.override"), "o");
    write(&dir.path().join("X.prepend"), "p");
    let mut env = BTreeMap::new();
    apply_env_dir(&mut env, dir.path()).unwrap();
    // append on unset -> "a"; default skipped (set); override -> "o"; prepend -> "po"
    assert_eq!(env["X"], "po");
}

fn layer(layers: &Path, name: &str, types: &str) {
    write(&layers.join(format!("{name}.toml")), &format!("{types}\n[metadata]\nname = \"{name}\"\n"));
    fs::create_dir_all(layers.join(name)).unwrap();
}

#[test]
fn launch_env_follows_layer_order_and_per_process_dirs() {
    let dir = tempfile::tempdir().unwrap();
    let l = dir.path();
    layer(l, "a", "[types]\nlaunch = true");
    layer(l, "b", "[types]\nlaunch = true\ncache = true");
    layer(l, "c-build", "[types]\nbuild = true\ncache = true");
    fs::create_dir_all(l.join("a/bin")).unwrap();
    fs::create_dir_all(l.join("a/lib")).unwrap();
    fs::create_dir_all(l.join("b/bin")).unwrap();
    fs::create_dir_all(l.join("c-build/bin")).unwrap();
    // layer a: env/ < env.launch/ < env.launch/<process>/ for override; reverse for default.
    write(&l.join("a/env/OVR.override"), "env");
    write(&l.join("a/env.launch/OVR.override"), "launch");
    write(&l.join("a/env.launch/web/OVR.override"), "web");
    write(&l.join("a/env/DEF.default"), "from-env");
    write(&l.join("a/env.launch/web/DEF.default"), "from-web");
    write(&l.join("a/env/LIST.append"), "env");
    write(&l.join("a/env/LIST.delim"), ",");
    write(&l.join("a/env.launch/LIST.append"), "launch");
    write(&l.join("a/env.launch/LIST.delim"), ",");
    write(&l.join("a/env.launch/web/LIST.append"), "web");
    write(&l.join("a/env.launch/web/LIST.delim"), ",");
    write(&l.join("a/env.launch/PRE.prepend"), "launch");
    write(&l.join("a/env.launch/PRE.delim"), ":");
    write(&l.join("a/env.launch/web/PRE.prepend"), "web");
    write(&l.join("a/env.launch/web/PRE.delim"), ":");
    write(&l.join("a/env.build/BUILD_ONLY"), "x"); // not for launch
    write(&l.join("a/env.launch/worker/OTHER"), "x"); // another process type
    // layer b (later) overrides layer a.
    write(&l.join("b/env.launch/OVR2"), "b");
    write(&l.join("a/env.launch/OVR2"), "a");
    // build-only layer: not in the image.
    write(&l.join("c-build/env/FROM_BUILD_LAYER"), "x");
    // A dir without a <layer>.toml is not a layer.
    fs::create_dir_all(l.join("stray/bin")).unwrap();

    let base = env_of(&[("PATH", "/usr/bin:/bin"), ("CONFIG", "from-platform")]);
    let web = launch_env_for_layers(l, "web", base.clone()).unwrap();
    assert_eq!(web["PATH"], format!("{}:{}:/usr/bin:/bin", l.join("b/bin").display(), l.join("a/bin").display()));
    assert_eq!(web["LD_LIBRARY_PATH"], l.join("a/lib").display().to_string());
    assert_eq!(web["OVR"], "web");
    assert_eq!(web["DEF"], "from-env");
    assert_eq!(web["LIST"], "env,launch,web");
    assert_eq!(web["PRE"], "web:launch");
    assert_eq!(web["OVR2"], "b");
    assert_eq!(web["CONFIG"], "from-platform");
    for absent in ["BUILD_ONLY", "OTHER", "FROM_BUILD_LAYER"] {
        assert!(!web.contains_key(absent), "{absent} must not be in the launch env: {web:?}");
    }

    let worker = launch_env_for_layers(l, "worker", base).unwrap();
    assert_eq!(worker["OVR"], "launch");
    assert_eq!(worker["DEF"], "from-env");
    assert_eq!(worker["LIST"], "env,launch");
    assert_eq!(worker["OTHER"], "x");
}

/// A layers dir as a build leaves it.
fn previous_build(l: &Path) {
    layer(l, "cached", "[types]\nlaunch = true\ncache = true");
    write(&l.join("cached/bin/tool"), "tool");
    layer(l, "cache-only", "[types]\ncache = true");
    write(&l.join("cache-only/data"), "data");
    layer(l, "launch-only", "[types]\nlaunch = true");
    write(&l.join("launch-only/bin/runner"), "runner");
    write(&l.join("launch-only.sbom.cdx.json"), "{}");
    layer(l, "build-only", "[types]\nbuild = true");
    write(&l.join("build-only/x"), "x");
    layer(l, "launch-build", "[types]\nlaunch = true\nbuild = true");
    layer(l, "ignored", "");
    write(&l.join("launch.toml"), "[[processes]]\ntype = \"x\"\ncommand = [\"x\"]\n");
    write(&l.join("build.toml"), "");
    write(&l.join("store.toml"), "[metadata]\nruns = 1\n");
}

fn names(l: &Path) -> Vec<String> {
    list_files(l).unwrap().iter().map(|p| p.strip_prefix(l).unwrap().display().to_string()).collect()
}

#[test]
fn restore_keeps_cached_layers_and_launch_metadata_only() {
    let dir = tempfile::tempdir().unwrap();
    let prev = dir.path().join("prev");
    let next = dir.path().join("next");
    previous_build(&prev);
    restore_layers(&prev, &next, true).unwrap();
    assert_eq!(
        names(&next),
        [
            "cache-only/data",
            "cache-only.toml",
            "cached/bin/tool",
            "cached.toml",
            "launch-only.sbom.cdx.json",
            "launch-only.toml",
            "store.toml",
        ]
    );
    for (name, table) in layer_tomls(&next).unwrap() {
        assert!(!table.contains_key("types"), "{name}.toml must come back without [types]");
        assert_eq!(LayerTypes::of(&table), LayerTypes::default());
        assert_eq!(table["metadata"]["name"].as_str(), Some(name.as_str()), "metadata kept");
    }
    assert!(!next.join("launch-only").exists(), "launch-only contents are not restored");
}

#[test]
fn restore_without_cache_keeps_only_launch_only_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let prev = dir.path().join("prev");
    let next = dir.path().join("next");
    previous_build(&prev);
    restore_layers(&prev, &next, false).unwrap();
    assert_eq!(names(&next), ["launch-only.sbom.cdx.json", "launch-only.toml", "store.toml"]);
}

#[test]
fn restore_in_place_and_first_build() {
    let dir = tempfile::tempdir().unwrap();
    let l = dir.path().join("bp");
    previous_build(&l);
    restore_layers_in_place(&l, true).unwrap();
    assert!(l.join("cached/bin/tool").is_file());
    assert!(!l.join("launch.toml").exists());
    assert!(!l.join("build-only").exists() && !l.join("build-only.toml").exists());
    // The temp dir used for the swap is gone.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    // Restoring twice in a row (no build in between) loses the cache, as types are gone;
    // store.toml always comes back.
    restore_layers_in_place(&l, true).unwrap();
    assert_eq!(names(&l), ["store.toml"]);

    // No previous build: an empty layers dir.
    let fresh = dir.path().join("fresh");
    restore_layers(&dir.path().join("none"), &fresh, true).unwrap();
    assert!(fresh.is_dir() && names(&fresh).is_empty());
}

#[test]
fn plan_resolution_for_a_lone_buildpack() {
    assert!(resolve_plan(None).unwrap().is_empty());
    let plan: toml::Table = toml::from_str("[[provides]]\nname = \"a\"\n[[requires]]\nname = \"a\"\n[requires.metadata]\nv = 1\n").unwrap();
    let bp_plan = resolve_plan(Some(&plan)).unwrap();
    assert_eq!(bp_plan["entries"][0]["name"].as_str(), Some("a"));
    assert_eq!(bp_plan["entries"][0]["metadata"]["v"].as_integer(), Some(1));

    let unmet: toml::Table = toml::from_str("[[requires]]\nname = \"node\"\n").unwrap();
    assert!(resolve_plan(Some(&unmet)).is_err());

    let with_or: toml::Table =
        toml::from_str("[[requires]]\nname = \"node\"\n[[or]]\n[[or.provides]]\nname = \"b\"\n[[or.requires]]\nname = \"b\"\n").unwrap();
    assert_eq!(resolve_plan(Some(&with_or)).unwrap()["entries"][0]["name"].as_str(), Some("b"));
}

// ---------------------------------------------------------------------------------------------
// The whole cycle with a hand-made shell buildpack (no cargo, no real buildpack).
// ---------------------------------------------------------------------------------------------

const DETECT: &str = r#"#!/bin/sh
set -eu
echo "detect args=$# plan=$CNB_BUILD_PLAN_PATH target=$CNB_TARGET_OS/$CNB_TARGET_ARCH/$CNB_TARGET_DISTRO_NAME/$CNB_TARGET_DISTRO_VERSION"
echo "detect pwd=$(pwd)"
echo "detect MY_CONFIG=${MY_CONFIG-unset} RUNNER_SECRET=${RUNNER_SECRET-unset} PATH=$PATH"
[ "$1" = "$CNB_PLATFORM_DIR" ] && [ "$2" = "$CNB_BUILD_PLAN_PATH" ] && [ -f "$2" ]
if [ -f no-detect ]; then exit 100; fi
if [ -f detect-error ]; then exit 3; fi
if [ -f unmet ]; then printf '[[requires]]\nname = "nobody"\n' > "$2"; exit 0; fi
printf '[[provides]]\nname = "thing"\n[[requires]]\nname = "thing"\n[requires.metadata]\nversion = "1.2"\n' > "$2"
"#;

const BUILD: &str = r#"#!/bin/sh
set -eu
layers=$1
[ "$layers" = "$CNB_LAYERS_DIR" ] && [ "$2" = "$CNB_PLATFORM_DIR" ] && [ "$3" = "$CNB_BP_PLAN_PATH" ]
echo "build target=$CNB_TARGET_ARCH MY_CONFIG=${MY_CONFIG-unset} EXTRA=${EXTRA-unset}"
echo "plan: $(tr '\n' ' ' < "$3")"
echo "files: $(cd "$layers" && find . -mindepth 1 | sort | tr '\n' ' ')"
if [ -f "$layers/runner.toml" ]; then echo "runner.toml: $(tr '\n' ' ' < "$layers/runner.toml")"; fi
if [ -d "$layers/tool" ]; then
  echo "Reusing tool $(cat "$layers/tool/stamp")"
else
  mkdir -p "$layers/tool/bin"
  date +%s%N > "$layers/tool/stamp"
  printf '#!/bin/sh\necho "tool $*"\n' > "$layers/tool/bin/tool"
  chmod +x "$layers/tool/bin/tool"
  echo "Installing tool"
fi
printf '[types]\nlaunch = true\ncache = true\n[metadata]\nversion = "1.2"\n' > "$layers/tool.toml"
rm -rf "$layers/runner"
mkdir -p "$layers/runner/bin" "$layers/runner/env.launch/hello" "$layers/runner/exec.d"
cat > "$layers/runner/bin/hello" <<'EOF'
#!/bin/sh
echo "hello argc=$# 1=$1 2=$2"
echo "GREETING=$GREETING WHO=${WHO-unset} FROM_EXECD=${FROM_EXECD-unset} DATABASE_URL=${DATABASE_URL-unset} MY_CONFIG=${MY_CONFIG-unset}"
echo "PATH=$PATH"
echo "pwd=$(pwd)"
tool x
if [ "${SLEEP-}" = 1 ]; then sleep 30; fi
exit "${HELLO_EXIT-0}"
EOF
chmod +x "$layers/runner/bin/hello"
printf 'hi' > "$layers/runner/env.launch/GREETING.default"
printf 'web-ish' > "$layers/runner/env.launch/hello/WHO"
printf '#!/bin/sh\necho "FROM_EXECD = \\"yes\\"" >&3\n' > "$layers/runner/exec.d/10-env"
chmod +x "$layers/runner/exec.d/10-env"
printf '[types]\nlaunch = true\n[metadata]\nbuilt = "yes"\n' > "$layers/runner.toml"
mkdir -p "$layers/scratch"
printf '[types]\nbuild = true\n' > "$layers/scratch.toml"
printf '[[processes]]\ntype = "hello"\ncommand = ["hello"]\nargs = ["a b", "c"]\ndefault = false\n' > "$layers/launch.toml"
if [ -f fail-build ]; then echo "failing on purpose" >&2; exit 1; fi
"#;

fn shell_buildpack(dir: &Path) {
    write(&dir.join("buildpack.toml"), "api = \"0.10\"\n[buildpack]\nid = \"testkit/shell\"\nversion = \"0.0.1\"\n");
    for (name, body) in [("detect", DETECT), ("build", BUILD)] {
        let path = dir.join("bin").join(name);
        write(&path, body);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn shell_buildpack_full_cycle() {
    let bp = tempfile::tempdir().unwrap();
    shell_buildpack(bp.path());
    let mut app = App::empty();
    app.with_buildpack(bp.path())
        .write_file("db/migrations/1_init.up.sql", "CREATE TABLE t();")
        .env("MY_CONFIG", "config-value")
        .process_env("EXTRA", "injected");
    assert!(app.layers_dir().ends_with("layers/testkit_shell"));

    let detect = app.detect();
    assert!(detect.passed(), "{detect:?}");
    assert!(detect.stdout.contains("detect args=2"), "{}", detect.stdout);
    assert!(detect.stdout.contains("target=linux/amd64/ubuntu/24.04"), "{}", detect.stdout);
    assert!(detect.stdout.contains(&format!("pwd={}", app.app_dir().canonicalize().unwrap().display())));
    // Platform env is exported to the process (clear-env is not set); the runner's env is not.
    assert!(detect.stdout.contains("MY_CONFIG=config-value"), "{}", detect.stdout);
    assert!(detect.stdout.contains("RUNNER_SECRET=unset"));
    assert_eq!(detect.plan.as_ref().unwrap()["requires"][0]["name"].as_str(), Some("thing"));

    // First build.
    let first = app.build();
    assert!(first.success(), "{first:?}");
    assert!(first.stdout.contains("Installing tool"), "{}", first.stdout);
    assert!(first.stdout.contains("MY_CONFIG=config-value EXTRA=injected"), "{}", first.stdout);
    assert!(first.stdout.contains("name = \"thing\""), "plan entries: {}", first.stdout);
    assert!(first.stdout.contains("files: \n"), "first build starts empty: {}", first.stdout);
    assert_eq!(first.process("hello").unwrap()["args"][0].as_str(), Some("a b"));
    assert!(app.layer_path("tool/bin/tool").is_file());
    assert_eq!(app.layer_toml("runner").unwrap()["types"]["launch"].as_bool(), Some(true));

    // Launch.
    let env = app.launch_env("hello");
    assert_eq!(env["GREETING"], "hi");
    assert_eq!(env["WHO"], "web-ish");
    assert_eq!(env["FROM_EXECD"], "yes");
    assert!(!env.contains_key("MY_CONFIG"), "build config is not runtime env");
    let run = app.run_process("hello", &[("DATABASE_URL", "postgres://u:p@h/db"), ("GREETING", "set")]);
    assert_eq!(run.exit_code, 0, "{run:?}");
    assert!(run.stdout.contains("hello argc=2 1=a b 2=c"), "{}", run.stdout);
    assert!(
        run.stdout.contains("GREETING=set WHO=web-ish FROM_EXECD=yes DATABASE_URL=postgres://u:p@h/db MY_CONFIG=unset"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!(
            "PATH={}:{}:/usr/local/bin",
            app.layer_path("tool/bin").display(),
            app.layer_path("runner/bin").display()
        )),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("tool x"));
    let failed = app.run_process("hello", &[("HELLO_EXIT", "7")]);
    assert_eq!(failed.exit_code, 7);

    // Signals: spawn and kill.
    let mut child = app.spawn_process("hello", &[("SLEEP", "1")]);
    std::thread::sleep(std::time::Duration::from_millis(200));
    child.kill().unwrap();
    assert!(!child.wait().unwrap().success());

    // Rebuild: cached layer reused, launch-only metadata back without types, build-only gone.
    let stamp = fs::read_to_string(app.layer_path("tool/stamp")).unwrap();
    let second = app.build();
    assert!(second.success(), "{second:?}");
    assert!(second.stdout.contains(&format!("Reusing tool {}", stamp.trim())), "{}", second.stdout);
    assert!(second.stdout.contains("runner.toml: [metadata] built = \"yes\""), "{}", second.stdout);
    assert!(!second.stdout.contains("./scratch"), "{}", second.stdout);
    assert!(!second.stdout.contains("./launch.toml"), "{}", second.stdout);

    // A failed build exports nothing: the next build still has the cache.
    app.write_file("fail-build", "");
    let bad = app.build();
    assert!(!bad.success());
    assert!(bad.stderr.contains("failing on purpose"));
    app.remove_file("fail-build");
    let third = app.build();
    assert!(third.stdout.contains("Reusing tool"), "{}", third.stdout);

    // --clear-cache: everything cached is gone, launch-only metadata stays.
    app.clear_cache();
    let cleared = app.build();
    assert!(cleared.stdout.contains("Installing tool"), "{}", cleared.stdout);
    assert!(cleared.stdout.contains("runner.toml: [metadata]"), "{}", cleared.stdout);

    // Target arch.
    app.target_arch("arm64");
    assert!(app.build().stdout.contains("build target=arm64"));

    // Leak scan helpers see the layers and the kept state.
    assert!(app.layer_files().iter().any(|p| p.ends_with("tool/bin/tool")));
    assert!(app.files_containing("FROM_EXECD").iter().any(|p| p.ends_with("exec.d/10-env")));
    assert!(app.files_containing("config-value").is_empty());
}

#[test]
fn shell_buildpack_detect_outcomes() {
    let bp = tempfile::tempdir().unwrap();
    shell_buildpack(bp.path());
    let mut app = App::empty();
    app.with_buildpack(bp.path());

    app.write_file("no-detect", "");
    let d = app.detect();
    assert!(d.failed() && !d.passed());
    let b = app.build();
    assert_eq!(b.exit_code, testkit::lifecycle::EXIT_FAILED_DETECT);
    assert!(b.stderr.contains("No buildpack groups passed detection"));
    app.remove_file("no-detect");

    app.write_file("detect-error", "");
    assert!(app.detect().errored());
    assert_eq!(app.build().exit_code, testkit::lifecycle::EXIT_FAILED_DETECT_WITH_ERRORS);
    app.remove_file("detect-error");

    app.write_file("unmet", "");
    let d = app.detect();
    assert_eq!(d.exit_code, 0);
    assert!(!d.passed() && d.plan_error.is_some());
}

#[test]
fn clear_env_buildpack_does_not_see_platform_env() {
    let bp = tempfile::tempdir().unwrap();
    shell_buildpack(bp.path());
    write(
        &bp.path().join("buildpack.toml"),
        "api = \"0.10\"\n[buildpack]\nid = \"testkit/shell\"\nversion = \"0.0.1\"\nclear-env = true\n",
    );
    let mut app = App::empty();
    app.with_buildpack(bp.path()).env("MY_CONFIG", "x");
    let d = app.detect();
    assert!(d.stdout.contains("MY_CONFIG=unset"), "{}", d.stdout);
}
