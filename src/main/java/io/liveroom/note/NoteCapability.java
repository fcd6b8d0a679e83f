package io.liveroom.note;

import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.NotesConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionRule;

import java.util.List;

/**
 * Notes (docs/NOTES.md): what a user keeps from the assistant (answers, pictures) and their own
 * text, over {@code /api/v1/notes}. AI answers and pictures are reached through the two seams
 * the bootstrap answers ({@link AiAnswers}, {@link NotePictures}).
 */
public final class NoteCapability implements Capability {
  private final List<HttpRoutes> routes;
  private final NotePersonalData personalData;
  private final int retentionDays;

  public NoteCapability(Platform platform, AiAnswers answers, NotePictures pictures, BearerAuth auth) {
    NotesConfig config = platform.config().notes();
    NoteRepository repo = new NoteRepository(platform.pool());
    NoteService service = new NoteService(repo, answers, pictures, config.maxPerUser(), config.maxTextChars());
    this.routes = List.of(new NoteRoutes(auth, service));
    this.personalData = new NotePersonalData(repo, pictures);
    this.retentionDays = config.retentionDays();
  }

  @Override
  public String name() {
    return "note";
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }

  @Override
  public List<PersonalDataSource> personalData() {
    return List.of(personalData);
  }

  /** Notes not edited for {@code notes.retentionDays} (0 keeps them). */
  @Override
  public List<RetentionRule> retention() {
    return List.of(new RetentionRule(personalData, retentionDays));
  }
}
