#include "progress/store_opening.h"

#include "os/files.h"

namespace lectern {

PlayerStore OpenPlayerStore(const std::string& data_dir) {
    PlayerStore p;
    // 0700 whatever the umask: it holds PIN hashes and everyone's progress (the store makes its
    // files 0600 itself).
    if (os::WriteResult w = os::MakePrivateFolder(data_dir); !w) p.log.push_back(os::Describe(w.error()));
    p.path = ProgressDbPath(data_dir);
    OpenResult r = ProgressStore::Open(p.path);
    p.damaged = r.status == OpenStatus::Corrupt || r.status == OpenStatus::TooNew;
    p.problem_code = r.problem;
    p.problem_path = r.problem_path;
    if (p.damaged) p.problem = r.message;
    p.notice = r.notice;
    // A log that was not applied is the administrator's business: say where it was kept.
    p.log_set_aside = r.wal_set_aside;
    if (r.status == OpenStatus::Ok) {
        p.store = std::move(r.store);
        return p;
    }
    if (r.other_writer) {
        p.refused = true;
        p.refusal = r.message;
        p.log.push_back(r.message);
        return p;
    }
    if (r.status == OpenStatus::CannotWrite) {
        p.store = std::move(r.store);
        p.not_saving = NotSaving::CannotWrite;
        p.why_not_saving = r.message;
        return p;
    }
    // Corrupt, too new, locked or refused: never touch the file. Only when its bytes are as they
    // were may the banner say so.
    p.not_saving = r.db_unchanged ? NotSaving::FileUntouched : NotSaving::FileTouched;
    p.why_not_saving = r.message;
    p.log.push_back(Describe(p.not_saving, p.why_not_saving));
    return p;
}

MoveAsideOutcome MoveDamagedStoreAside(PlayerStore& current, const std::string& data_dir, int64_t now_ms) {
    if (!current.damaged) return MoveAsideOutcome::Fail({true, {}});
    MoveAsideResult moved = MoveAside(current.path, now_ms);
    if (!moved) return MoveAsideOutcome::Fail({false, moved.error()});
    current.store.reset();
    current = OpenPlayerStore(data_dir);
    return *moved;
}

}  // namespace lectern
