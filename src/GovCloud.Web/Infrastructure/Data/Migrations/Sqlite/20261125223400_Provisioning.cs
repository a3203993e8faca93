using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Provisioning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ElasticMaxMemoryGb",
                table: "InfoSystems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ElasticMaxVcpu",
                table: "InfoSystems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ElasticMinMemoryGb",
                table: "InfoSystems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ElasticMinVcpu",
                table: "InfoSystems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChangeRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SystemOffline = table.Column<bool>(type: "INTEGER", nullable: false),
                    DataSecured = table.Column<bool>(type: "INTEGER", nullable: false),
                    EvaluationOpinion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EvaluatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EvaluatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionOpinion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ElasticMinVcpu = table.Column<int>(type: "INTEGER", nullable: true),
                    ElasticMaxVcpu = table.Column<int>(type: "INTEGER", nullable: true),
                    ElasticMinMemoryGb = table.Column<int>(type: "INTEGER", nullable: true),
                    ElasticMaxMemoryGb = table.Column<int>(type: "INTEGER", nullable: true),
                    DisposalMethod = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DisposalDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DisposalPeople = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OpenClockId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChangeRequests_DeadlineClocks_OpenClockId",
                        column: x => x.OpenClockId,
                        principalTable: "DeadlineClocks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ChangeRequests_InfoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InfoSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChangeRequests_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CloudServices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ActiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReclaimedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CloudServices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CloudServices_InfoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InfoSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CloudServices_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CloudVms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RowNo = table.Column<int>(type: "INTEGER", nullable: false),
                    Zone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ServerType = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    HostName = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Ips = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PublicIps = table.Column<int>(type: "INTEGER", nullable: false),
                    Vcpu = table.Column<int>(type: "INTEGER", nullable: false),
                    MemoryGb = table.Column<int>(type: "INTEGER", nullable: false),
                    SystemDiskGb = table.Column<int>(type: "INTEGER", nullable: false),
                    DataDiskGb = table.Column<int>(type: "INTEGER", nullable: false),
                    OperatingSystem = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OwnerNames = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OwnerEmails = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OwnerMobiles = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    BastionAccounts = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DeliveredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ActiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReclaimedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CloudVms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CloudVms_InfoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InfoSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CloudVms_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CloudVms_ResourceApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ResourceApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TrialEnvironments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DeliveryClockId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AgencyAgreementAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AgencyAgreementBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AgreementAttachmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CenterAgreementAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CenterAgreementBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Result = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ResultNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ResultAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResultBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    LiveOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReclaimReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrialEnvironments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrialEnvironments_DeadlineClocks_DeliveryClockId",
                        column: x => x.DeliveryClockId,
                        principalTable: "DeadlineClocks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_TrialEnvironments_ResourceApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ResourceApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChangeAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChangeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StoredPath = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChangeAttachments_ChangeRequests_ChangeId",
                        column: x => x.ChangeId,
                        principalTable: "ChangeRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChangeLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChangeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    No = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    VmId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Zone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    HostName = table.Column<string>(type: "TEXT", maxLength: 63, nullable: true),
                    FromVcpu = table.Column<int>(type: "INTEGER", nullable: true),
                    FromMemoryGb = table.Column<int>(type: "INTEGER", nullable: true),
                    FromSystemDiskGb = table.Column<int>(type: "INTEGER", nullable: true),
                    FromDataDiskGb = table.Column<int>(type: "INTEGER", nullable: true),
                    ToVcpu = table.Column<int>(type: "INTEGER", nullable: true),
                    ToMemoryGb = table.Column<int>(type: "INTEGER", nullable: true),
                    ToSystemDiskGb = table.Column<int>(type: "INTEGER", nullable: true),
                    ToDataDiskGb = table.Column<int>(type: "INTEGER", nullable: true),
                    ServerType = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    SubsystemName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OwnerNames = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OwnerEmails = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OwnerMobiles = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OperatingSystem = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChangeLines_ChangeRequests_ChangeId",
                        column: x => x.ChangeId,
                        principalTable: "ChangeRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CloudVmEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VmId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CloudVmEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CloudVmEvents_CloudVms_VmId",
                        column: x => x.VmId,
                        principalTable: "CloudVms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeAttachments_ChangeId",
                table: "ChangeAttachments",
                column: "ChangeId");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeLines_ChangeId_No",
                table: "ChangeLines",
                columns: new[] { "ChangeId", "No" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRequests_Number",
                table: "ChangeRequests",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRequests_OpenClockId",
                table: "ChangeRequests",
                column: "OpenClockId");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRequests_OrganisationId_State",
                table: "ChangeRequests",
                columns: new[] { "OrganisationId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRequests_State_CreatedAt",
                table: "ChangeRequests",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRequests_SystemId",
                table: "ChangeRequests",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_CloudServices_OrganisationId_State",
                table: "CloudServices",
                columns: new[] { "OrganisationId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_CloudServices_SystemId_State",
                table: "CloudServices",
                columns: new[] { "SystemId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_CloudVmEvents_VmId_At",
                table: "CloudVmEvents",
                columns: new[] { "VmId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CloudVms_ApplicationId_RowNo",
                table: "CloudVms",
                columns: new[] { "ApplicationId", "RowNo" });

            migrationBuilder.CreateIndex(
                name: "IX_CloudVms_OrganisationId_State",
                table: "CloudVms",
                columns: new[] { "OrganisationId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_CloudVms_State_HostName",
                table: "CloudVms",
                columns: new[] { "State", "HostName" });

            migrationBuilder.CreateIndex(
                name: "IX_CloudVms_State_Zone_PublicIps",
                table: "CloudVms",
                columns: new[] { "State", "Zone", "PublicIps" });

            migrationBuilder.CreateIndex(
                name: "IX_CloudVms_SystemId",
                table: "CloudVms",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_CloudVms_Zone_State",
                table: "CloudVms",
                columns: new[] { "Zone", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_TrialEnvironments_ApplicationId",
                table: "TrialEnvironments",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrialEnvironments_DeliveryClockId",
                table: "TrialEnvironments",
                column: "DeliveryClockId");

            migrationBuilder.CreateIndex(
                name: "IX_TrialEnvironments_OrganisationId",
                table: "TrialEnvironments",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_TrialEnvironments_State_EndsOn",
                table: "TrialEnvironments",
                columns: new[] { "State", "EndsOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChangeAttachments");

            migrationBuilder.DropTable(
                name: "ChangeLines");

            migrationBuilder.DropTable(
                name: "CloudServices");

            migrationBuilder.DropTable(
                name: "CloudVmEvents");

            migrationBuilder.DropTable(
                name: "TrialEnvironments");

            migrationBuilder.DropTable(
                name: "ChangeRequests");

            migrationBuilder.DropTable(
                name: "CloudVms");

            migrationBuilder.DropColumn(
                name: "ElasticMaxMemoryGb",
                table: "InfoSystems");

            migrationBuilder.DropColumn(
                name: "ElasticMaxVcpu",
                table: "InfoSystems");

            migrationBuilder.DropColumn(
                name: "ElasticMinMemoryGb",
                table: "InfoSystems");

            migrationBuilder.DropColumn(
                name: "ElasticMinVcpu",
                table: "InfoSystems");
        }
    }
}
